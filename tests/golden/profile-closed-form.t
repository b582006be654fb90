# --ci profile with a closed form
args: -m chao -c profile data/hare.csv
exit: 2
