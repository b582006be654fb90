# --start takes alike or lists
args: -m lcm --start apart data/Congenital.csv
exit: 2
