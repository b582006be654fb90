# records as tsv
tool: mse-sim
args: -f tsv -n 10 -l 'A=0.3,B=0.4' -r -s 3
exit: 0
