module example.com/testsincluded

go 1.21
