# AICc over the list and list x covariate terms of ScotPWID's four lists, Region a covariate
args: -f csv -D 10 -s aicc --covariates Region --lists S1,S2,S3,S4 data/ScotPWID_region_gender_age.csv
exit: 0
