# records: one row per report
tool: mse-sim
args: -n 20 -l 'Politiet=0.3,ROSA=0.2,UDI=0.25' -b gender=kvinne,mann --absent ROSA:gender=mann -r -s 3
exit: 0
