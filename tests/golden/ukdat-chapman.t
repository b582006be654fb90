# UKdat LA,NG Chapman 2839
args: -f csv -D 10 -m chapman -l LA,NG data/UKdat.csv
exit: 0
