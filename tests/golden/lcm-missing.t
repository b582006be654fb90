# lcm on a missing file
args: -m lcm data/no-such-file.csv
exit: 1
