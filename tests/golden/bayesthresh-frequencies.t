# bayesthresh needs a capture-history table, not frequency data
args: -m bayesthresh -t 6 data/nbcap/BBS2001.csv
exit: 2
