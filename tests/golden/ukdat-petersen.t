# UKdat LA,NG Petersen 2961
args: -f csv -D 10 -m petersen -l LA,NG data/UKdat.csv
exit: 0
