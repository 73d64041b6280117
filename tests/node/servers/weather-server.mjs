// weather-server.js
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';

class WeatherServer {
  constructor() {
    this.server = new Server(
      {
        name: 'weather-server',
        version: '0.1.0',
      },
      {
        capabilities: {
          tools: {},
        },
      }
    );

    this.setupToolHandlers();
  }

  setupToolHandlers() {
    // List available tools
    this.server.setRequestHandler(ListToolsRequestSchema, async () => {
      return {
        tools: [
          {
            name: 'get_weather',
            description: 'Get current weather for a location',
            inputSchema: {
              type: 'object',
              properties: {
                location: {
                  type: 'string',
                  description: 'City name or coordinates',
                },
              },
              required: ['location'],
            },
          },
          {
            name: 'get_forecast',
            description: 'Get weather forecast for a location',
            inputSchema: {
              type: 'object', 
              properties: {
                location: {
                  type: 'string',
                  description: 'City name or coordinates',
                },
                days: {
                  type: 'number',
                  description: 'Number of days to forecast',
                  minimum: 1,
                  maximum: 7,
                },
              },
              required: ['location'],
            },
          },
        ],
      };
    });

    // Handle tool calls
    this.server.setRequestHandler(CallToolRequestSchema, async (request) => {
      const { name, arguments: args } = request.params;

      if (name === 'get_weather') {
        return await this.getCurrentWeather(args.location);
      } else if (name === 'get_forecast') {
        return await this.getWeatherForecast(args.location, args.days || 3);
      } else {
        throw new McpError(
          ErrorCode.MethodNotFound,
          `Unknown tool: ${name}`
        );
      }
    });
  }

  async getCurrentWeather(location) {
    // In a real implementation, you'd call a weather API
    // For this example, we'll return mock data
    const mockWeather = {
      location: location,
      temperature: Math.floor(Math.random() * 30) + 5,
      condition: ['sunny', 'cloudy', 'rainy', 'snowy'][Math.floor(Math.random() * 4)],
      humidity: Math.floor(Math.random() * 100),
      windSpeed: Math.floor(Math.random() * 20),
    };

    return {
      content: [
        {
          type: 'text',
          text: `Current weather in ${mockWeather.location}:
Temperature: ${mockWeather.temperature}°C
Condition: ${mockWeather.condition}
Humidity: ${mockWeather.humidity}%
Wind Speed: ${mockWeather.windSpeed} km/h`,
        },
      ],
    };
  }

  async getWeatherForecast(location, days) {
    // Mock forecast data
    const forecast = [];
    for (let i = 0; i < days; i++) {
      forecast.push({
        day: i + 1,
        temperature: Math.floor(Math.random() * 25) + 10,
        condition: ['sunny', 'cloudy', 'rainy'][Math.floor(Math.random() * 3)],
      });
    }

    const forecastText = forecast
      .map(day => `Day ${day.day}: ${day.temperature}°C, ${day.condition}`)
      .join('\n');

    return {
      content: [
        {
          type: 'text',
          text: `${days}-day forecast for ${location}:\n${forecastText}`,
        },
      ],
    };
  }

  async run() {
    const transport = new StdioServerTransport();
    await this.server.connect(transport);
    console.error('Weather MCP server running on stdio');
  }
}

const server = new WeatherServer();
server.run().catch(console.error);
