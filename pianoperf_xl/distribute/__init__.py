"""The distribution round: pre-filled sector workbooks out, returned workbooks in.

- ``prepare`` (``pianoperf distribute``): one pre-filled workbook and one e-mail draft per
  Settore of the organigram, and the list of what was prepared (``distribuzione.csv``);
- ``send`` (``pianoperf send``): the drafts through an SMTP server;
- ``status`` (``pianoperf status``): which sectors have returned their workbook;
- ``annotate`` (``pianoperf annotate``): copies of the returned workbooks with every
  finding on its cell, to send back.

Every module is small and imported by the command that needs it.
"""

from pianoperf_xl.errors import Unusable


class DistributionError(Unusable):
    """The round cannot go on (unusable ente workbook, wrong folder); Italian message."""
