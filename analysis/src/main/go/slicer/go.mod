module optlens/slicer

go 1.21
