namespace ImageCacheFunctions.Eci.Errors;

/// <summary>What an ECI failure means for the caller, decided once by the client (<see cref="EciException.Kind"/>).</summary>
public enum EciErrorKind
{
    /// <summary>Nothing more specific is known: treat as a failure and do not retry as is.</summary>
    Other,

    /// <summary>Throttling, service unavailable, any 5xx, timeouts and network failures: the same request may succeed later.</summary>
    Transient,

    /// <summary>The credentials or the signing were rejected: fix them, never retry as is.</summary>
    Credentials,

    /// <summary>A parameter is missing or invalid, or the same ClientToken came with other parameters.</summary>
    InvalidRequest,

    /// <summary>The resource is in a status that does not allow the operation (e.g. update while Creating).</summary>
    IncorrectStatus,

    /// <summary>The addressed resource does not exist (a hint only: ECI does not document the code of a missing cache).</summary>
    NotFound,
}
