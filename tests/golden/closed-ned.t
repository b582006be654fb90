# Ned: Mb has no MLE (Rcapture prints N = -16535), its row says why
args: -m closed -f csv data/Ned.csv
exit: 0
