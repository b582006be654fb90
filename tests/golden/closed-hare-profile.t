# hare, every model with its profile interval (Mt: 74.3379 [69.2878, 82.3957])
args: -m closed -c profile -f csv data/hare.csv
exit: 0
