import Foundation

exit(MailSealTool.run(Array(CommandLine.arguments.dropFirst())))
