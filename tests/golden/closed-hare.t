# hare, Rcapture closedp.t table (issue: M0 75.43362 ... Mbh 74.18293)
args: -m closed -f csv data/hare.csv
exit: 0
