# --lists names an unknown list
args: -l A,Z data/Western.csv
exit: 1
