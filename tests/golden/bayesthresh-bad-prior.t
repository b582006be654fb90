# bayesthresh --prior with a bad value
args: -m bayesthresh --prior flat data/Kosovo.csv
exit: 2
