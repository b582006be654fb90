# --absent with a closed form
args: -m chao --absent A:B data/Western.csv
exit: 2
