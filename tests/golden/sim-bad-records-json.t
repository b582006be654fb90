# --records in json
tool: mse-sim
args: -n 100 -l A=0.5,B=0.5 -r -f json
exit: 2
