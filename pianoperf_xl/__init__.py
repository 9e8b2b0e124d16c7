"""pianoperf_xl: the Piano della Performance / PEG / PDO of an Italian comune, through Excel."""

__version__ = "0.1.0"
