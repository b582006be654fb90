# --covariates Region,Gender,Age, aligned text
args: -f text --covariates Region,Gender,Age -M 'S1:Gender + S3:Age + S4:Region + S3:S4' data/ScotPWID_region_gender_age.csv
exit: 0
