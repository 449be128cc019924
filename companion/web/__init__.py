"""What every part's views share (and which imports no part): rendering, device cookies, security, i18n, errors."""
