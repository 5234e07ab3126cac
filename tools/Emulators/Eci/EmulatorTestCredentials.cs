namespace ImageCacheFunctions.Emulators.Eci;

/// <summary>
/// The fixed AccessKey pair every emulator accepts unless configured otherwise. Public on purpose:
/// the local gateway prints it, tests sign with it. It grants access to the emulator only.
/// </summary>
public static class EmulatorTestCredentials
{
    /// <summary>Test AccessKey ID.</summary>
    public const string AccessKeyId = "LTAI5tEciEmulatorTestKey";

    /// <summary>Test AccessKey secret (emulator only; not a real Alibaba Cloud key).</summary>
    public const string AccessKeySecret = "EciEmulatorTestSecretNotForProduction";

    /// <summary>A role ARN the STS stub accepts in examples.</summary>
    public const string ExampleRoleArn = "acs:ram::1234567890123456:role/imagecache-functions";

    /// <summary>An OIDC provider ARN the STS stub accepts in examples.</summary>
    public const string ExampleOidcProviderArn = "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c1234567890";
}
