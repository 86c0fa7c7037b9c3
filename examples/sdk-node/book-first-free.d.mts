import type { Booking } from '@tidbok/sdk';

export declare const SAMPLE_CLIENT: { name: string; email: string };

export declare function bookFirstFree(options: {
  baseUrl: string;
  clinic: string;
  from?: Date;
  days?: number;
  log?: (line: string) => void;
}): Promise<{ booking: Booking; cancelled: Booking }>;

export declare function explain(error: unknown, target: { baseUrl: string; clinic: string }): string;
