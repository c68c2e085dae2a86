__version__ = '1.43.11'
