# strata with weights and a structural zero
tool: mse-sim
args: -f csv -n 200 -l 'Politiet=0.3,ROSA=0.2,UDI=0.25' -b year=2015..2016 -b gender=kvinne:0.7,mann:0.3 --absent ROSA:gender=mann -s 3
exit: 0
