# NewOrl Mh Chao: on the boundary, N the extended MLE (R: 1343.32)
args: -m Mh-chao -f csv data/NewOrl.csv
exit: 0
