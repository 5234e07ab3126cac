namespace ImageCacheFunctions.Emulators.Eci;

/// <summary>An AccessKey pair the emulator accepts. ToString hides the secret.</summary>
/// <param name="AccessKeyId">The ID.</param>
/// <param name="AccessKeySecret">The secret.</param>
public sealed record EmulatorAccessKey(string AccessKeyId, string AccessKeySecret)
{
    /// <summary>The default test pair (<see cref="EmulatorTestCredentials"/>).</summary>
    public static EmulatorAccessKey TestKey { get; } = new(EmulatorTestCredentials.AccessKeyId, EmulatorTestCredentials.AccessKeySecret);

    /// <summary>Describes the key without its secret.</summary>
    /// <returns>The key ID.</returns>
    public override string ToString() => $"EmulatorAccessKey {{ AccessKeyId = {AccessKeyId}, AccessKeySecret = *** }}";
}
