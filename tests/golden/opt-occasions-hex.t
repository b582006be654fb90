# --occasions 0x10
args: -t 0x10 data/nbcap/cbird.csv
exit: 2
