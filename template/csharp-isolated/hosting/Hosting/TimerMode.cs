namespace OpenFaaS.Functions.Worker.Hosting;

/// <summary>Who fires <c>[TimerTrigger]</c> functions.</summary>
public enum TimerMode
{
    /// <summary>The OpenFaaS cron-connector, by POSTing to the function.</summary>
    Connector,

    /// <summary>An in-process Quartz.NET scheduler.</summary>
    Quartz,
}
