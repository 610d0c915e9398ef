import CountyReportCLI

CountyReportCommand.run()
