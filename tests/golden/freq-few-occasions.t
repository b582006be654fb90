# fewer occasions than captures
args: -m M0 -t 20 data/nbcap/BBS2001.csv
exit: 1
