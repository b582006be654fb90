# BBS2001 frequency data as text (mse-describe(1) example)
tool: mse-describe
args: -f text data/nbcap/BBS2001.csv
exit: 0
