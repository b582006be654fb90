# Ned, Mb alone: no MLE, exit 1
args: -m Mb data/Ned.csv
exit: 1
