namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>JFrog Artifactory's Docker access methods, which decide how an event maps to a reference.</summary>
public enum JfrogRepositoryLayout
{
    /// <summary><c>host/&lt;repoKey&gt;/&lt;image&gt;</c> (Artifactory's repository-path method).</summary>
    RepositoryPath,

    /// <summary><c>&lt;repoKey&gt;.host/&lt;image&gt;</c> (the sub-domain method).</summary>
    Subdomain,

    /// <summary><c>host:port/&lt;image&gt;</c> (the port method, or a reverse proxy per repository): the configured registry.</summary>
    Port,
}
