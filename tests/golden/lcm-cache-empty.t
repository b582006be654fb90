# --cache with an empty directory name
args: -m lcm --cache '' data/Congenital.csv
exit: 2
