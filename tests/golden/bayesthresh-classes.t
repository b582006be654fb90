# --classes is lcm's
args: -m bayesthresh --classes 3 data/Kosovo.csv
exit: 2
