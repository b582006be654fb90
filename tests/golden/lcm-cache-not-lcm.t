# --cache with a method other than lcm
args: -s bic --cache c data/UKdat_5.csv
exit: 2
