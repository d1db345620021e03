"""The model: card content, an organisation's extras, hotlines, orders, config, printer
profiles and print settings. Plain data, read from the files people edit; no drawing."""
