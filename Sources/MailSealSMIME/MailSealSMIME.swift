/// The MailSealSMIME module. This file only anchors the target until its real types arrive.
public enum MailSealSMIMEModule {}
