# Mb has no profile interval
args: -m Mb -c profile data/hare.csv
exit: 1
