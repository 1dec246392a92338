import Foundation
import MailSealKeys

// A closed pipe must surface as a write error (exit 74), not kill the process.
signal(SIGPIPE, SIG_IGN)
PendingFiles.removeOnTermination()
exit(MailSealTool.run(Array(CommandLine.arguments.dropFirst())))
