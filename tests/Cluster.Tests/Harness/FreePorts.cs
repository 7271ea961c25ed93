using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace HaScheduler.Cluster.Tests.Harness;

/// <summary>
/// Free loopback ports for processes that must be told their port up front. A port is free only until someone
/// binds it, and a cluster picks all of its ports before any process starts, so the operating system could hand out
/// the same one twice (a node's HTTP port once equalled another's remoting port): no port is given out twice here.
/// </summary>
internal static class FreePorts
{
    private static readonly ConcurrentDictionary<int, bool> Given = new();

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (Given.TryAdd(port, true))
            {
                return port;
            }
        }
    }
}
