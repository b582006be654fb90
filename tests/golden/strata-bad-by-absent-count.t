# --by with --absent on a cell with a count
args: -f csv -D 10 --by eth --absent 'S1:S2:eth=caucasian' -M S1:S3 data/spina_eth.csv
exit: 1
