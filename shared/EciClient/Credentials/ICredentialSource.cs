namespace ImageCacheFunctions.Eci.Credentials;

/// <summary>One link of the <see cref="CredentialChain"/>: a provider that can tell whether it is configured.</summary>
public interface ICredentialSource : ICredentialProvider
{
    /// <summary>A short name for messages, e.g. "environment variables".</summary>
    string Name { get; }

    /// <summary>Whether this source has what it needs (variables set, files present); cheap, no network.</summary>
    bool IsConfigured { get; }
}
