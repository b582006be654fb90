# --lists fixes the lists' order
tool: mse-import
args: -f csv -r reported_by -l 'Pro Sentret,UDI,Politiet' tests/data/good-records-named.csv
exit: 0
