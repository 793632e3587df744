"""Views by audience: public (timetable, feeds, coaches), organiser (sessions, coaches), attendance (roll call,
import, export), participant (own attendance, own sessions, calendar address)."""
