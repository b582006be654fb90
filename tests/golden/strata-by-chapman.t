# --by with a closed form on two lists
args: -f csv -D 10 -m chapman -l S1,S3 --by eth data/spina_eth.csv
exit: 0
