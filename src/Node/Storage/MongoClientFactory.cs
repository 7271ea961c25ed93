using MongoDB.Driver;

namespace HaScheduler.Node.Storage;

/// <summary>
/// Builds a client whose failures surface within seconds: a node that cannot reach MongoDB must report
/// not-ready quickly rather than hang a request for the driver's default 30 s.
/// </summary>
public static class MongoClientFactory
{
    public static readonly TimeSpan ServerSelectionTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    public static MongoClientSettings Settings(string connectionString, string? applicationName = null)
    {
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        var url = MongoUrl.Create(connectionString);

        // Explicit values in the connection string win over these defaults.
        if (url.ServerSelectionTimeout == MongoDefaults.ServerSelectionTimeout)
        {
            settings.ServerSelectionTimeout = ServerSelectionTimeout;
        }

        if (url.ConnectTimeout == MongoDefaults.ConnectTimeout)
        {
            settings.ConnectTimeout = ConnectTimeout;
        }

        settings.ApplicationName ??= applicationName;
        return settings;
    }

    public static IMongoClient Create(string connectionString, string? applicationName = null) =>
        new MongoClient(Settings(connectionString, applicationName));
}
