# --max-models below the space's size: the downhill search (issue 13)
args: -f csv -D 10 -s bic --max-models 100 data/UKdat_5.csv
exit: 0
