# --prior is bayesthresh's
args: -m lcm --prior proper data/Kosovo.csv
exit: 2
